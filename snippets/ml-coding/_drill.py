"""Run a drill's tests: every function named ``test_*``, in the order they are defined.

A drill snippet ends with ``run_tests(globals())``. Each test is reported on its own line, so a
reader working on the exercise sees which ones already pass; any failure ends the program with
status 1, so a wrong published solution stops the build. The downloadable exercise carries a
copy of this function, so that it runs as one file.
"""

import sys
import traceback


def run_tests(namespace: dict) -> None:
    tests = [(name, test) for name, test in namespace.items() if name.startswith("test_") and callable(test)]
    failed = []
    for name, test in tests:
        try:
            test()
        except NotImplementedError:
            failed.append(name)
            print(f"FAIL  {name}: not implemented yet")
        except Exception as error:  # an exercise may fail in any way; report it and go on
            failed.append(name)
            where = traceback.extract_tb(error.__traceback__)[-1]
            print(f"FAIL  {name}: {type(error).__name__}: {error} (line {where.lineno})")
        else:
            print(f"pass  {name}")
    print(f"{len(tests) - len(failed)} of {len(tests)} tests passed")
    if failed:
        sys.exit(f"{len(failed)} of {len(tests)} tests failed: {', '.join(failed)}")
