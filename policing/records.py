"""Community policing records kept in the portal's generic record pages (programmes.unit_records)."""

from programmes.unit_records import RecordType

from .forms import CagForm, CagMemberForm
from .models import UNIT, CagMember, CommunityAdvisoryGroup

groups = RecordType(
    model=CommunityAdvisoryGroup,
    form_class=CagForm,
    unit_area=UNIT,
    namespace="policing",
    slug="groups",
    columns=("police_department", "location", "status", "established_on"),
    back="cag_detail",
)
members = RecordType(
    model=CagMember,
    form_class=CagMemberForm,
    unit_area=UNIT,
    namespace="policing",
    slug="members",
    columns=("name", "sector", "sex", "joined_on", "left_on"),
    parent=groups,
    parent_field="cag",
)
