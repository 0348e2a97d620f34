"""The registry: what the graph says of mandates across resolutions, derived once a build has
loaded every source graph (near-duplicate requests; later, status and history)."""
