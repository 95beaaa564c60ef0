"""Reports the fuzz tests' count of requests at the end of the run."""

FUZZ_REQUESTS = []


def pytest_terminal_summary(terminalreporter):
    if FUZZ_REQUESTS:
        terminalreporter.write_line(
            f"fuzz: {sum(FUZZ_REQUESTS)} generated requests in {len(FUZZ_REQUESTS)} tests, none answered 5xx"
        )
