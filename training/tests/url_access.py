from tests.url_access import LOGIN, Route, everyone_signed_in

# Summary pages are the assembly-training unit's: policing and counter-terrorism staff both get 403.
UNIT_PAGE = {"anonymous": LOGIN, "staff_same_unit": 403, "staff_other_unit": 403, "manager": 200, "administrator": 200}
UNIT_OBJECT = {**UNIT_PAGE, "staff_same_unit": 404, "staff_other_unit": 404}
# A linked training (here a policing one) is seen by the staff of its own unit.
ACTIVITY_OBJECT = {
    "anonymous": LOGIN,
    "staff_same_unit": 200,
    "staff_other_unit": 404,
    "manager": 200,
    "administrator": 200,
}


def _course(objects):
    from .factories import CourseFactory

    return [CourseFactory().pk]


def _training(objects):
    from .factories import TrainingDetailFactory

    return [TrainingDetailFactory().activity_id]


def _certificate(objects):
    from .factories import CertificateFactory

    return [CertificateFactory().pk]


def _code(objects):
    from .factories import CertificateFactory

    return [CertificateFactory().code]


def _publication(objects):
    from .factories import PublicationFactory

    return [PublicationFactory().pk]


ROUTES = [
    Route("training:index", UNIT_PAGE),
    Route("training:reach", UNIT_PAGE),
    Route("training:learning", UNIT_PAGE),
    Route("training:publications", UNIT_PAGE),
    Route("training:course_detail", UNIT_OBJECT, args=_course),
    Route("training:publication_detail", UNIT_OBJECT, args=_publication),
    Route("training:training_detail", ACTIVITY_OBJECT, args=_training),
    Route("training:certificate_pdf", ACTIVITY_OBJECT, args=_certificate),
    # POST only: a GET is refused before anything is looked up.
    Route("training:certificates_issue", everyone_signed_in(405), args=_training),
    # Public: anyone with the code, signed in or not.
    Route("training:verify", {**everyone_signed_in(), "anonymous": 200}, args=_code),
]

# Generic record pages (programmes.unit_records). Records here are the training unit's: the policing persona is
# "another unit" too, so both staff personas get 404.
RECORD_READ = {**UNIT_PAGE, "staff_same_unit": 404, "staff_other_unit": 404}
RECORD_FORM = {**RECORD_READ, "manager": 403}


def _module(objects):
    from .factories import CourseModuleFactory

    return [CourseModuleFactory().pk]


def _reach_target(objects):
    from .factories import ReachTargetFactory

    return [ReachTargetFactory().pk]


def _distribution(objects):
    from .factories import DistributionFactory

    return [DistributionFactory().pk]


ROUTES += [
    Route("training:courses_list", RECORD_READ),
    Route("training:courses_create", RECORD_FORM),
    Route("training:courses_edit", RECORD_FORM, args=_course),
    Route("training:courses_history", RECORD_READ, args=_course),
    Route("training:modules_list", RECORD_READ, args=_course),
    Route("training:modules_create", RECORD_FORM, args=_course),
    Route("training:modules_edit", RECORD_FORM, args=_module),
    Route("training:modules_history", RECORD_READ, args=_module),
    Route("training:targets_list", RECORD_READ),
    Route("training:targets_create", RECORD_FORM),
    Route("training:targets_edit", RECORD_FORM, args=_reach_target),
    Route("training:targets_history", RECORD_READ, args=_reach_target),
    Route("training:publications_list", RECORD_READ),
    Route("training:publications_create", RECORD_FORM),
    Route("training:publications_edit", RECORD_FORM, args=_publication),
    Route("training:publications_history", RECORD_READ, args=_publication),
    Route("training:distributions_list", RECORD_READ, args=_publication),
    Route("training:distributions_create", RECORD_FORM, args=_publication),
    Route("training:distributions_edit", RECORD_FORM, args=_distribution),
    Route("training:distributions_history", RECORD_READ, args=_distribution),
]
