"""Agent status: which sources of the last agent run failed, and what to fix for each."""

from collections.abc import Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import CheckPlugin, CheckResult, DiscoveryResult, Result, Service, State

from cmk_addons.plugins.kubemon.lib.common import failure_reason, fix_text


class Params(TypedDict):
    failed_source_state: int
    deadline_state: int


DEFAULT_PARAMS: Params = {"failed_source_state": 1, "deadline_state": 2}


def discover_kubemon_agent_status(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _failure(source: Mapping[str, Any]) -> str:
    text = f"{source.get('source')}: {source.get('message') or 'failed'}"
    return (text + fix_text(source)).replace("\n", " ")


def _distinct(failed: list[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Failures grouped by what happened and what to fix, in order of first appearance.

    A dead API server fails every source with the same reason: one line with a count, not 16.
    """
    groups: dict[tuple[str, Any, Any], list[Mapping[str, Any]]] = {}
    for source in failed:
        key = (failure_reason(source), source.get("hint"), source.get("anchor"))
        groups.setdefault(key, []).append(source)
    return list(groups.values())


def check_kubemon_agent_status(params: Params, section: Mapping[str, Any]) -> CheckResult:
    sources = section.get("sources") or []
    failed = [s for s in sources if s.get("state") == "failed"]
    ok = sum(1 for s in sources if s.get("state") == "ok")
    yield Result(
        state=State.OK,
        summary=f"Sources OK: {ok}/{len(sources)}, agent {section.get('agent_version')}, "
        f"run took {section.get('elapsed_s') or 0.0:.2f} s",
    )
    if section.get("deadline_hit"):
        yield Result(
            state=State(params["deadline_state"]),
            summary=f"Deadline of {section.get('deadline_s')} s hit: output is incomplete "
            "(raise --deadline or the check interval, or exclude namespaces)",
        )
    for group in _distinct(failed):
        state = State(params["failed_source_state"])
        if len(group) == 1:
            yield Result(state=state, summary=_failure(group[0]))
            continue
        yield Result(
            state=state,
            summary=f"{len(group)} sources failed: {failure_reason(group[0])}{fix_text(group[0])}",
            details="Sources: " + ", ".join(str(s.get("source")) for s in group),
        )
    for source in sources:
        if source.get("state") == "skipped":
            yield Result(
                state=State.OK,
                notice=f"{source.get('source')}: skipped "
                f"({source.get('message') or 'not requested'})",
            )


check_plugin_kubemon_agent_status = CheckPlugin(
    name="kubemon_agent_status",
    service_name="Agent status",
    discovery_function=discover_kubemon_agent_status,
    check_function=check_kubemon_agent_status,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_agent_status",
)
