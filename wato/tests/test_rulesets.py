"""Every plug-in's defaults equal its rule's prefills; every rule belongs to a plug-in."""

from typing import Any

import kubemon_env
import pytest

from cmk.rulesets.v1.form_specs import (
    DefaultValue,
    Dictionary,
    FormSpec,
    LevelsType,
    MultipleChoice,
    SimpleLevels,
)
from cmk.rulesets.v1.rule_specs import CheckParameters, HostAndItemCondition, SpecialAgent

PLUGINS = {p.name: p for p in kubemon_env.plugin_objects("agent_based", "check_plugin_").values()}
RULES = kubemon_env.plugin_objects("rulesets", "rule_spec_")
CHECK_RULES = {r.name: r for r in RULES.values() if isinstance(r, CheckParameters)}


def default_of(form: FormSpec) -> Any:
    """The value a new rule holds before the user changes anything (the prefills)."""
    if isinstance(form, SimpleLevels):
        if form.prefill_levels_type.value is LevelsType.NONE:
            return ("no_levels", None)
        return ("fixed", form.prefill_fixed_levels.value)
    if isinstance(form, Dictionary):
        return {key: default_of(e.parameter_form) for key, e in form.elements.items() if e.required}
    if isinstance(form, MultipleChoice):
        return list(form.prefill.value)
    prefill = getattr(form, "prefill", None)
    if not isinstance(prefill, DefaultValue):
        raise AssertionError(f"{type(form).__name__} {form.title} has no default value")
    return prefill.value


RULED = sorted(name for name, p in PLUGINS.items() if p.check_ruleset_name)


@pytest.mark.parametrize("variable", sorted(RULES))
def test_every_rule_form_is_a_dictionary(variable: str) -> None:
    # Setup calls parameter_form() only when it shows the rule (the rule spec does not check).
    assert isinstance(RULES[variable].parameter_form(), Dictionary)


@pytest.mark.parametrize("plugin_name", RULED)
def test_plugin_defaults_equal_rule_defaults(plugin_name: str) -> None:
    plugin = PLUGINS[plugin_name]
    rule = CHECK_RULES.get(plugin.check_ruleset_name)
    assert rule is not None, f"no CheckParameters rule named {plugin.check_ruleset_name}"
    assert default_of(rule.parameter_form()) == plugin.check_default_parameters


@pytest.mark.parametrize("plugin_name", RULED)
def test_item_condition_matches_service_item(plugin_name: str) -> None:
    plugin = PLUGINS[plugin_name]
    has_item = "%s" in plugin.service_name
    assert isinstance(
        CHECK_RULES[plugin.check_ruleset_name].condition,
        HostAndItemCondition,
    ) == has_item


def test_every_check_rule_is_used() -> None:
    used = {p.check_ruleset_name for p in PLUGINS.values()}
    assert set(CHECK_RULES) <= used, f"rules without a plug-in: {sorted(set(CHECK_RULES) - used)}"


def test_special_agent_rule() -> None:
    rule = RULES["rule_spec_kubemon"]
    assert isinstance(
        rule,
        SpecialAgent,
    ) and rule.name == "kubemon" and rule.title.localize(str) == "Kubernetes (kubemon)"
    form = rule.parameter_form()
    required = sorted(k for k, e in form.elements.items() if e.required)
    assert required == [
        "api_server_url",
        "cluster_name",
        "monitored_objects",
        "timeouts",
        "tls",
        "token",
    ]
    assert default_of(form.elements["timeouts"].parameter_form) == {
        "connect": 10,
        "read": 12,
        "deadline": 50,
    }
    assert default_of(form.elements["monitored_objects"].parameter_form) == [
        "nodes",
        "namespaces",
        "pods",
        "deployments",
        "daemonsets",
        "statefulsets",
        "cronjobs",
        "pvcs",
    ]
    assert form.elements["tls"].parameter_form.prefill == DefaultValue("ca_cert")


def test_an_http_api_server_needs_explicit_consent() -> None:
    form = RULES["rule_spec_kubemon"].parameter_form()
    (url,) = form.elements["api_server_url"].parameter_form.custom_validate
    url("https://10.0.0.1:6443")
    url("http://10.0.0.1:8080")
    with pytest.raises(ValueError):
        url("ftp://10.0.0.1")
    (consent,) = form.custom_validate
    consent({"api_server_url": "https://10.0.0.1:6443"})
    consent({"api_server_url": "http://10.0.0.1:8080", "allow_http": True})
    with pytest.raises(ValueError, match="sends the token in clear"):
        consent({"api_server_url": "HTTP://10.0.0.1:8080"})


def test_agent_kube_choices_of_annotations_and_cronjob_pods() -> None:
    form = RULES["rule_spec_kubemon"].parameter_form()
    annotations = form.elements["import_annotations"].parameter_form
    assert [e.name for e in annotations.elements] == ["all", "matching"]
    assert default_of(annotations.elements[1].parameter_form) == "checkmk-monitoring$"
    objects = form.elements["monitored_objects"].parameter_form
    assert "cronjobs_pods" in {e.name for e in objects.elements}
    assert "cronjobs_pods" not in default_of(objects)
    # A rule saved with the former bare pattern keeps importing what it imported.
    assert form.migrate({"cluster_name": "c", "annotation_pattern": "^team$"}) == {
        "cluster_name": "c", "import_annotations": ("matching", "^team$")}
    assert form.migrate({"cluster_name": "c"}) == {"cluster_name": "c"}


def test_kubelet_health_warns_about_nodes_proxy() -> None:
    form = RULES["rule_spec_kubemon"].parameter_form()
    assert "nodes/proxy" in form.elements["kubelet_health"].parameter_form.help_text.localize(str)


def test_kubelet_source_warns_about_nodes_proxy() -> None:
    usage = RULES["rule_spec_kubemon"].parameter_form().elements["usage_sources"].parameter_form
    assert "nodes/proxy" in usage.elements["kubelet"].parameter_form.help_text.localize(str)


def test_promql_name_and_unit_must_not_contain_the_separator() -> None:
    promql = RULES["rule_spec_kubemon"].parameter_form().elements["promql"].parameter_form
    name = promql.element_template.elements["name"].parameter_form
    unit = promql.element_template.elements["unit"].parameter_form
    for validator in (*name.custom_validate, *unit.custom_validate):
        validator("apiserver_p99")
    with pytest.raises(ValueError, match=r"must not contain \|"):
        name.custom_validate[-1]("a|b")
    with pytest.raises(ValueError, match=r"must not contain \|"):
        unit.custom_validate[-1]("s|x")


@pytest.mark.parametrize(
    "name, valid",
    [("k3s", True), ("prod-eu_1.example", True), ("my cluster", False), ("-lead", False),
     ("a/b", False), ("x" * 101, False)],
)
def test_the_rule_accepts_exactly_the_cluster_names_the_agent_accepts(name: str, valid: bool) -> None:
    from cmk.rulesets.v1.form_specs.validators import ValidationError

    form = RULES["rule_spec_kubemon"].parameter_form().elements["cluster_name"].parameter_form
    try:
        for validate in form.custom_validate:
            validate(name)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is valid
