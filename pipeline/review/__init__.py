"""`smarak review`: a local web app to check records against their pages and save corrections as gold.

`session` loads a batch (records, page sidecars, gold folder); `draft` turns a record and its gold into the
form and the form into a gold document; `gold` reads and writes gold files safely; `locate` places fields and
decisions on the pages; `triage` says why a record needs a look; `app` serves it all over HTTP.
"""
