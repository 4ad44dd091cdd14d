"""Each check's points for GitHub Classroom's reporter, from what the graders wrote.

checks.json lists every check of this edition (a check that did not run, because its step does not
compile or its run was cut short, still counts, as failed). Each step's run wrote
STEP/target/grading/checks.jsonl, one line per check that finished. For each runner (one task, one
weight) this writes the reporter's base64 JSON to $GITHUB_OUTPUT, each test's score filled in.
"""
import base64
import json
import os
import pathlib

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent
catalogue = json.loads((here / "checks.json").read_text(encoding="utf-8"))

ran = {}
for folder in sorted({check["folder"] for check in catalogue}):
    log = root / folder / "target" / "grading" / "checks.jsonl"
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            try:
                result = json.loads(line)
            except ValueError:
                continue  # the last line of a run cut short
            ran[(result["step"], result["task"], result["check"])] = result

runners = {}
for check in catalogue:
    result = ran.get((check["step"], check["task"], check["check"]))
    passed = bool(result and result["passed"])
    if passed:
        message = ""
    elif result:
        message = result.get("reason", "")
    else:
        message = "did not run: step %d does not compile, or its run ended early (see the log above)" % check["step"]
    runner = runners.setdefault(check["runner"], {"version": 1, "status": "pass", "max_score": 0, "tests": []})
    runner["max_score"] += check["points"]
    if not passed:
        runner["status"] = "fail"
    runner["tests"].append({
        "name": "Step %d, Task %d > %s" % (check["step"], check["task"], check["check"]),
        "status": "pass" if passed else "fail",
        "score": check["points"] if passed else 0,
        "message": message,
        "line_no": 0,
    })

with open(os.environ.get("GITHUB_OUTPUT", os.devnull), "a", encoding="utf-8") as out:
    for name, runner in runners.items():
        encoded = base64.b64encode(json.dumps(runner).encode("utf-8")).decode("ascii")
        out.write("%s=%s\n" % (name, encoded))
total = sum(test["score"] for runner in runners.values() for test in runner["tests"])
maximum = sum(runner["max_score"] for runner in runners.values())
print("Points %d/%d" % (total, maximum))
