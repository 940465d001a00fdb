#!/usr/bin/env python3
"""Checks that README.md shows every file of Examples/Greeter exactly as it is.

The README introduces each file with a line **`PATH`** (PATH relative to Examples/Greeter)
followed by a fenced code block; this script fails, with a diff, when a block differs from its
file, and when a file of the example (as git sees it) has no block.
"""
import difflib
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "Examples" / "Greeter"
HEADING = re.compile(r"^\*\*`([^`]+)`\*\*$")


def shown_files(readme):
    """Maps each PATH introduced in `readme` to the contents of the code block after it."""
    lines = readme.splitlines(keepends=True)
    blocks = {}
    for index, line in enumerate(lines):
        match = HEADING.match(line.strip())
        if not match:
            continue
        start = index + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        if start == len(lines) or not lines[start].startswith("```"):
            sys.exit(f"README.md:{index + 1}: **`{match[1]}`** is not followed by a code block")
        end = start + 1
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        blocks[match[1]] = "".join(lines[start + 1:end])
    return blocks


def example_files():
    """The example's files that git tracks or would track; outside a git checkout (a source
    archive), every file but build products and SwiftPM's own."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "."],
            cwd=EXAMPLE, check=True, capture_output=True, text=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        listed = [str(path.relative_to(EXAMPLE)) for path in EXAMPLE.rglob("*")
                  if not any(part.startswith(".build") or part in (".swiftpm", "Package.resolved")
                             for part in path.relative_to(EXAMPLE).parts)]
    return sorted(path for path in listed if (EXAMPLE / path).is_file())


def main():
    blocks = shown_files((ROOT / "README.md").read_text())
    failures = []
    files = example_files()
    for path in files:
        if path not in blocks:
            failures.append(f"{path}: not shown in README.md (add **`{path}`** and its code block)")
            continue
        actual = (EXAMPLE / path).read_text()
        shown = blocks.pop(path)
        if shown != actual:
            diff = difflib.unified_diff(
                actual.splitlines(keepends=True), shown.splitlines(keepends=True),
                f"Examples/Greeter/{path}", f"README.md's {path}")
            failures.append("".join(diff))
    for path in blocks:
        failures.append(f"README.md shows {path}, which Examples/Greeter does not have")
    if failures:
        sys.exit("README.md's quick start differs from Examples/Greeter:\n" + "\n".join(failures))
    print(f"README.md shows the {len(files)} files of Examples/Greeter exactly")


main()
