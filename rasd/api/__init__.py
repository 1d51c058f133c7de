"""rasd.api: the REST API under /api/ and the offline map dashboard at / (`rasd.api.app.create_app`, `rasd serve`).

Modules: app (the FastAPI app, middleware, error handling, static assets), routes (endpoints), queries (read helpers
over the store's tables), models (the OpenAPI schemas), keys (hashed API keys), ingest (POST /api/articles), and
web/ (the dashboard: plain ES modules, Leaflet from xstatic-leaflet, no asset fetched from outside).
"""
