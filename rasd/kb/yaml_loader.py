"""The one YAML loader of the knowledge base: safe, fast, and strict about repeated keys.

PyYAML keeps the last of two equal keys in a mapping without a word. In a rules file that silently replaces a rule
by a later one of the same name (a new `count_of` once overrode an existing rule, and only a score regression told);
in a lexicon it drops an entry. The KB is data written by hand, so a repeated key is always a mistake: it fails the
load with the file's line."""

from __future__ import annotations

import yaml

#: libyaml's parser when PyYAML has it (several times faster: the KB's YAML is most of the start-up's parsing).
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_BASE):  # type: ignore[misc, valid-type]
    """A safe loader that refuses a mapping holding the same key twice."""


def _mapping_without_repeats(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            first = seen.setdefault(key, key_node)
        except TypeError:  # an unhashable key: the base constructor reports it
            break
        if first is not key_node:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                f"found the key {key!r} a second time (first at line {first.start_mark.line + 1})",
                key_node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats)
