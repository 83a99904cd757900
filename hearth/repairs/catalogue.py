"""The catalogue of common repairs a landlord starts with: plain-English names residents pick
from, each with the priority and trade it usually needs and, for qualifying repairs, the Right
to Repair period from the 1994 Regulations' Schedule. Loaded by a data migration; staff may
change it afterwards."""

from __future__ import annotations

from typing import Any

# (code, area, name, hint, priority, trade, rtr_days, extra)
ITEMS: list[tuple[str, str, str, str, str, str, int | None, dict[str, Any]]] = [
    ("K01", "kitchen", "Blocked kitchen sink", "Water will not drain away.",
     "urgent", "plumber", 3, {}),
    ("K02", "kitchen", "A tap that cannot be turned on or off", "",
     "urgent", "plumber", 3, {}),
    ("K03", "kitchen", "Leaking pipe, tank or cistern", "Water is dripping or spraying.",
     "urgent", "plumber", 1, {}),
    ("K04", "kitchen", "No water at all", "No tap in your home gives any water.",
     "emergency", "plumber", 1, {}),
    ("K05", "kitchen", "Low water or some taps with no water", "",
     "urgent", "plumber", 3, {}),
    ("K06", "kitchen", "Kitchen extractor fan not working", "",
     "routine", "electrician", 7, {}),
    ("K07", "kitchen", "Broken cupboard door, drawer or worktop", "",
     "routine", "carpenter", None, {}),
    ("B01", "bathroom", "Toilet will not flush (and it is your only toilet)", "",
     "urgent", "plumber", 1, {}),
    ("B02", "bathroom", "Blocked toilet (and it is your only toilet)", "",
     "urgent", "drainage", 1, {}),
    ("B03", "bathroom", "Blocked bath, basin or shower", "Water will not drain away.",
     "urgent", "plumber", 3, {}),
    ("B04", "bathroom", "Bathroom extractor fan not working", "",
     "routine", "electrician", 7, {}),
    ("B05", "bathroom", "Cracked or loose tiles", "", "routine", "plasterer", None, {}),
    ("B06", "bathroom", "Broken toilet seat", "", "routine", "plumber", None,
     {"resident_responsibility": True,
      "responsibility_note": "Your tenancy agreement makes toilet seats your responsibility. "
      "You can buy one at any hardware shop and fit it with a screwdriver."}),
    ("H01", "heating", "No heating or no hot water",
     "Nothing comes on, or there is no hot water anywhere.",
     "urgent", "gas_engineer", None, {"seasonal_heating": True}),
    ("H02", "heating", "Some radiators not working", "",
     "urgent", "gas_engineer", None, {"seasonal_heating": True}),
    ("H03", "heating", "Boiler flue blocked or damaged", "",
     "urgent", "gas_engineer", 1, {}),
    ("H04", "heating", "Smell of gas", "", "emergency", "gas_engineer", None,
     {"emergency_stop": "gas"}),
    ("E01", "electrics", "No power anywhere in your home", "", "emergency", "electrician", 1,
     {"emergency_stop": "no_power"}),
    ("E02", "electrics", "Some sockets or lights have no power", "",
     "urgent", "electrician", 3, {}),
    ("E03", "electrics", "Unsafe socket, switch or light fitting",
     "Sparking, burning smell, scorch marks, or loose and exposed wires.",
     "emergency", "electrician", 1, {}),
    ("E04", "electrics", "Hard-wired smoke alarm not working", "",
     "urgent", "electrician", None, {}),
    ("E05", "electrics", "A light bulb or plug fuse needs replacing", "",
     "routine", "electrician", None,
     {"resident_responsibility": True,
      "responsibility_note": "Changing light bulbs and plug fuses is your responsibility "
      "under your tenancy agreement."}),
    ("D01", "doors_windows", "Front door, back door or window will not lock or close",
     "Your home is not secure.", "emergency", "carpenter", 1, {}),
    ("D02", "doors_windows", "Broken window glass", "", "urgent", "glazier", None, {}),
    ("D03", "doors_windows", "Inside door sticking or broken", "",
     "routine", "carpenter", None, {}),
    ("D04", "doors_windows", "Lost keys or locked out", "", "urgent", "carpenter", None,
     {"resident_responsibility": True,
      "responsibility_note": "Replacing lost keys and changing locks when keys are lost is "
      "your responsibility. We can do it for you and charge you the cost."}),
    ("W01", "walls", "Loose or broken banister or handrail", "",
     "urgent", "carpenter", 3, {}),
    ("W02", "walls", "Rotten floorboards or stair tread", "", "urgent", "carpenter", 3, {}),
    ("W03", "walls", "Cracked or crumbling plaster", "", "routine", "plasterer", None, {}),
    ("W04", "walls", "Water stain or small leak through a ceiling", "",
     "urgent", "plumber", 1, {}),
    ("W05", "walls", "Decorating inside your home", "", "planned", "decorator", None,
     {"resident_responsibility": True,
      "responsibility_note": "Decorating inside your home is your responsibility under your "
      "tenancy agreement, unless we damaged it while doing a repair."}),
    ("M01", "damp", "Damp or mould on walls, ceilings or furniture", "",
     "urgent", "damp_specialist", None, {"damp_or_mould": True}),
    ("M02", "damp", "Condensation that keeps coming back", "",
     "routine", "damp_specialist", None, {"damp_or_mould": True}),
    ("O01", "outside", "Leaking roof", "", "routine", "roofer", 7, {}),
    ("O02", "outside", "Blocked or leaking outside drain or soil pipe", "",
     "urgent", "drainage", 1, {}),
    ("O03", "outside", "Blocked or overflowing gutter", "", "routine", "roofer", None, {}),
    ("O04", "outside", "Broken fence or gate", "", "routine", "carpenter", None, {}),
    ("C01", "communal", "Door entry phone not working", "",
     "routine", "door_entry", 7, {"communal": True}),
    ("C02", "communal", "Lights not working in shared areas", "",
     "urgent", "electrician", None, {"communal": True}),
    ("C03", "communal", "Lift not working", "If someone is trapped, call 999.",
     "urgent", "multi_trade", None, {"communal": True}),
    ("C04", "communal", "Main entrance door will not close or lock", "",
     "emergency", "carpenter", None, {"communal": True}),
    ("C05", "communal", "Rubbish chute blocked", "", "urgent", "multi_trade", None,
     {"communal": True}),
]  # fmt: skip


def load(model: Any) -> int:
    """Create the catalogue items that are not there yet (by code); returns how many."""
    existing = set(model.objects.values_list("code", flat=True))
    new = []
    for order, (code, area, name, hint, priority, trade, rtr, extra) in enumerate(ITEMS):
        if code in existing:
            continue
        new.append(
            model(
                code=code,
                area=area,
                name=name,
                hint=hint,
                priority=priority,
                trade=trade,
                right_to_repair_days=rtr,
                order=order,
                **extra,
            )
        )
    model.objects.bulk_create(new)
    return len(new)
