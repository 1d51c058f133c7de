"""rasd.text: the Arabic language layer.

normalize.py  fold() and normalize(): orthographic folding with an offset map back to the original text
segment.py    split_sentences(), tokenize() -> Token, segment_word(): sentences, tokens and clitics
numbers.py    find_quantities() -> Quantity, parse_number(): digits, number words, duals, ACLED's vague amounts
dates.py      find_time_expressions() -> TimeExpression, parse_date(): dates resolved against publication
language.py   arabic_share(): the share of letters that are Arabic (the extractor's and the ingest's check)

Every function takes the original text and returns offsets into it; bad input raises rasd.errors.TextError.
"""
