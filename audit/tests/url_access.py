from tests.url_access import Route, everyone_signed_in

ADMIN_ONLY = everyone_signed_in(403, administrator=200)

ROUTES = [
    Route("audit:changes", ADMIN_ONLY),
    Route("audit:access_log", ADMIN_ONLY),
    # Portal-wide reliability route (osce_baku/health.py): public, for load balancers.
    Route("health", everyone_signed_in(200, anonymous=200)),
]
