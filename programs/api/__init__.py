"""The read-only open data API at /api/v1/: programs, themes, host institutes, cities, networks,
agreements and the statistics, as JSON (Django REST framework), described by an OpenAPI document at
/api/schema/ and browsable at /api/docs/.

Anonymous and read-only; its answers share the anonymous page cache (``exchange_portal/pagecache.py``).
It serves program-level facts only: nothing here reads the participants app.
"""
