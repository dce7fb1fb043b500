"""Registrations for the programme areas that have no unit app: the one core module that names an area.

Democratic control of armed forces works through the core alone (accounts/units.py). What a unit app registers from
its AppConfig.ready() (a demo plan, a DAC sector default) the core registers here for such an area, from
ProgrammesConfig.ready(), through the same registries; everything else in the core reads only the registries.
"""

from accounts.units import UnitArea

from . import registry


def register() -> None:
    from .demo_data import AreaPlan
    from .models import ActivityKind

    area = UnitArea.ARMED_FORCES
    registry.register_sector_default(area, "15210")  # Security system management and reform (democratic control)
    # Its records are core activities, participants and indicators only.
    registry.register_demo_plan(
        area,
        AreaPlan(
            staff=("staff.dcaf", "Rashad", "Armed forces"),
            activities=[
                (ActivityKind.TRAINING, "Training on the human rights of armed forces personnel"),
                (ActivityKind.PUBLICATION_LAUNCH, "Launch of the Azerbaijani-language book on servicemen's rights"),
                (ActivityKind.ROUND_TABLE, "Round table on parliamentary oversight of the armed forces"),
                (
                    ActivityKind.WORKSHOP,
                    "Workshop on the OSCE Code of Conduct on Politico-Military Aspects of Security",
                ),
            ],
            locations=["AZ-BA", "AZ-GA"],
            beneficiaries=["MOD"],
            headcount_share=0.3,
        ),
    )
