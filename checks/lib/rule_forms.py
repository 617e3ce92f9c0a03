"""Form-spec helpers of the kubemon check parameter rules (wato/rulesets/kubemon_rules_*.py)."""

from collections.abc import Callable, Mapping

from cmk.rulesets.v1 import Help, Title
from cmk.rulesets.v1.form_specs import (
    DefaultValue,
    DictElement,
    Dictionary,
    Float,
    Integer,
    LevelDirection,
    LevelsType,
    Percentage,
    ServiceState,
    SimpleLevels,
    TimeMagnitude,
    TimeSpan,
)
from cmk.rulesets.v1.rule_specs import CheckParameters, HostAndItemCondition, HostCondition, Topic

# Durations are entered in days to seconds; the check receives seconds (float).
DURATION = TimeSpan(
    displayed_magnitudes=[
        TimeMagnitude.DAY,
        TimeMagnitude.HOUR,
        TimeMagnitude.MINUTE,
        TimeMagnitude.SECOND,
    ],
)
UP, DOWN = LevelDirection.UPPER, LevelDirection.LOWER


def levels(
    title: str,
    template,
    direction: LevelDirection,
    levels: tuple,
    active: bool = True,
    help_text: str | None = None,
) -> DictElement:
    return DictElement(
        required=True,
        parameter_form=SimpleLevels(
            title=Title(title),
            help_text=Help(help_text) if help_text else None,
            form_spec_template=template,
            level_direction=direction,
            prefill_levels_type=DefaultValue(LevelsType.FIXED if active else LevelsType.NONE),
            prefill_fixed_levels=DefaultValue(levels),
        ),
    )


def state(title: str, default: int) -> DictElement:
    return DictElement(
        required=True,
        parameter_form=ServiceState(title=Title(title), prefill=DefaultValue(default)),
    )


def rule(
    name: str,
    title: str,
    elements: Mapping[str, DictElement],
    item: str | None = None,
) -> CheckParameters:
    form: Callable[[], Dictionary] = lambda: Dictionary(elements=dict(elements))  # noqa: E731
    return CheckParameters(
        name=name,
        title=Title(title),
        topic=Topic.APPLICATIONS,
        parameter_form=form,
        condition=HostAndItemCondition(item_title=Title(item)) if item else HostCondition(),
    )


def resources(resource: str) -> CheckParameters:
    # Absolute usage in cores (CPU) or MiB (memory; the check compares bytes).
    amount = Float(unit_symbol="cores") if resource == "CPU" else Integer(unit_symbol="MiB")
    usage_levels = (4.0, 8.0) if resource == "CPU" else (4096, 8192)
    return rule(
        f"kubemon_{resource.lower()}_resources",
        f"Kubernetes {resource} resources (kubemon)",
        {
            "usage": levels("Usage", amount, UP, usage_levels, active=False),
            "request_lower": levels(
                "Usage of requests, lower levels",
                Percentage(),
                DOWN,
                (20.0, 10.0),
                active=False,
                help_text="Warn when pods use much less than they request: requests reserve "
                "capacity that nothing uses.",
            ),
            "cluster_allocatable": levels(
                "Usage of allocatable on the cluster host (instead of the general levels)",
                Percentage(),
                UP,
                (80.0, 90.0),
                active=False,
            ),
            "node_allocatable": levels(
                "Usage of allocatable on node hosts (instead of the general levels)",
                Percentage(),
                UP,
                (80.0, 90.0),
                active=False,
            ),
            "request_utilization": levels(
                "Usage of requests",
                Percentage(),
                UP,
                (80.0, 90.0),
                active=False,
            ),
            "limit_utilization": levels("Usage of limits", Percentage(), UP, (80.0, 90.0)),
            "allocatable_utilization": levels(
                "Usage of allocatable (nodes, cluster)",
                Percentage(),
                UP,
                (80.0, 90.0),
            ),
            "overcommit_state": state("State when requests or limits exceed allocatable", 1),
        },
    )
