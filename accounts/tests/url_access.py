from tests.url_access import Route, everyone_signed_in

ROUTES = [
    Route("accounts:mfa", everyone_signed_in()),
    Route("accounts:profile", everyone_signed_in()),
    Route("accounts:mfa_setup", everyone_signed_in()),
    # Nobody in the table has an authenticator yet, so verifying sends them to enrol.
    Route("accounts:mfa_verify", everyone_signed_in(302)),
    Route("accounts:mfa_backup_codes", everyone_signed_in(405)),
]
