from tests.url_access import Route, everyone_signed_in

ADMINISTRATORS_ONLY = everyone_signed_in(403, administrator=200)
# The project belongs to the policing unit: other staff get 404.
POLICING_OBJECT = everyone_signed_in(staff_other_unit=404)

ROUTES = [
    Route("interop:index", everyone_signed_in()),
    # No project of theirs exists in the walk: the IATI file cannot be empty, so they get a 404 page saying so.
    Route("interop:iati_list", everyone_signed_in(staff_other_unit=404)),
    Route("interop:iati_project", POLICING_OBJECT, args=lambda objects: [objects["activity"].project_id]),
    Route("interop:partners", ADMINISTRATORS_ONLY),
    Route("interop:partners_export", ADMINISTRATORS_ONLY, args=lambda objects: ["csv"]),
]
