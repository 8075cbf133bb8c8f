"""Findings, per function and per object, as text lines and as the --json document."""

from __future__ import annotations

from dataclasses import dataclass, field

# Every check, in the order docs/check.md describes them (the stable machine names).
DYNAMIC_CHECKS = (
    "callee_saved", "rsp", "direction_flag", "mxcsr", "x87_control_word", "x87_stack", "mmx_emms", "vzeroupper",
    "stack_alignment", "upper_bits_arg", "narrow_return", "overread", "overwrite", "const_write", "red_zone",
    "volatile_across_call", "sret_rax", "crash", "test_vector",
)
STATIC_CHECKS = ("gnu_stack", "symbol_type", "textrel", "plt", "writable_state", "extra_export")
ALL_CHECKS = DYNAMIC_CHECKS + STATIC_CHECKS


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str  # error or warning
    message: str
    where: str | None = None  # the object (project-relative source) or the library, for lints
    variant: str | None = None  # the CPU variant's symbol, when not the exported one

    def line(self, subject: str) -> str:
        tail = "" if self.severity == "error" else f" [{self.severity}]"
        return f"{subject}: {self.check}: {self.message}{tail}"


@dataclass
class FunctionReport:
    name: str  # manifest name
    symbol: str
    checks_run: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    variants_checked: list[str] = field(default_factory=list)
    variants_skipped: list[tuple[str, str]] = field(default_factory=list)  # (symbol, why)
    calls: int = 0


@dataclass
class Report:
    functions: list[FunctionReport]
    lints: list[Finding]
    notes: list[str]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [f for fn in self.functions for f in fn.findings] + self.lints

    def lines(self) -> list[str]:
        out = []
        for fn in self.functions:
            for f in fn.findings:
                out.append(f.line(f.variant or fn.symbol))
        for f in self.lints:
            out.append(f.line(f.where or "?"))
        return out

    def as_json(self) -> dict:
        return {
            "functions": [
                {
                    "name": fn.symbol,
                    "function": fn.name,
                    "checks_run": [c for c in ALL_CHECKS if c in fn.checks_run],
                    "variants": fn.variants_checked,
                    "skipped_variants": [{"symbol": s, "reason": r} for s, r in fn.variants_skipped],
                    "calls": fn.calls,
                    "findings": [
                        {"check": f.check, "severity": f.severity, "message": f.message,
                         **({"variant": f.variant} if f.variant else {})}
                        for f in fn.findings
                    ],
                }
                for fn in self.functions
            ],
            "lints": [{"check": f.check, "severity": f.severity, "message": f.message, "object": f.where}
                      for f in self.lints],
            "notes": self.notes,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }
