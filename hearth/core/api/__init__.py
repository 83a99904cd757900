"""The API kit every domain's `api.py` uses: problem bodies, paging, id parameters and who
is calling. The API app (`hearth.api`) mounts the domains' routers and authenticates callers."""
