"""What happened to one file of a run (a typed outcome: status and error items), and a run's summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas.status import ErrorCategory, ErrorItem, OutcomeKind, Stage, Status


@dataclass
class Outcome:
    """What happened to one file: its kind, its status and what went wrong (never success with errors)."""

    name: str
    outcome: OutcomeKind
    sha256: str | None = None
    stage: Stage | None = None
    reason: str | None = None
    seconds: float = 0.0
    location: str | None = None
    flags: list[str] = field(default_factory=list)  # FlagCode values
    status: Status = Status.SUCCESS
    errors: list[ErrorItem] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain JSON types: the enums as their strings, as stored in runs and printed by the CLI."""
        return {
            "name": self.name,
            "outcome": str(self.outcome),
            "sha256": self.sha256,
            "stage": None if self.stage is None else str(self.stage),
            "reason": self.reason,
            "seconds": self.seconds,
            "location": self.location,
            "flags": [str(flag) for flag in self.flags],
            "status": str(self.status),
            "errors": [error.model_dump(mode="json") for error in self.errors],
        }


def failed(name: str, stage: Stage, reason: str, category: ErrorCategory, **kwargs) -> Outcome:
    """A quarantined file (the document's fault, or a bug): failed, with its one error item."""
    error = ErrorItem(stage=stage, category=category, message=reason)
    return Outcome(
        name,
        OutcomeKind.QUARANTINED,
        stage=stage,
        reason=reason,
        status=Status.FAILED,
        errors=[error],
        **kwargs,
    )


def skipped(name: str, stage: Stage, reason: str, **kwargs) -> Outcome:
    """A file given back because the machine failed: skipped, with the environment fault as its error."""
    error = ErrorItem(stage=stage, category=ErrorCategory.ENVIRONMENT, message=reason)
    return Outcome(
        name, OutcomeKind.SKIPPED, stage=stage, reason=reason, status=Status.SKIPPED, errors=[error], **kwargs
    )


def summarise(outcomes: list[Outcome]) -> dict:
    counts = {kind: sum(o.outcome == kind for o in outcomes) for kind in OutcomeKind}
    faults = [o.reason for o in outcomes if o.outcome == OutcomeKind.SKIPPED and o.reason]
    return {
        "processed": counts[OutcomeKind.PROCESSED],
        "duplicates": counts[OutcomeKind.DUPLICATE],
        "quarantined": counts[OutcomeKind.QUARANTINED],
        "skipped": counts[OutcomeKind.SKIPPED],
        "partial": sum(o.status == Status.PARTIAL for o in outcomes),
        "environment": list(dict.fromkeys(faults)),  # each environment fault once, in order
        "files": [o.to_dict() for o in outcomes],
    }
