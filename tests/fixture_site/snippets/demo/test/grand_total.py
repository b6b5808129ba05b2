import contextlib  # markdown-exec: hide
import io  # markdown-exec: hide
import runpy  # markdown-exec: hide

with contextlib.redirect_stdout(io.StringIO()):  # markdown-exec: hide
    lesson = runpy.run_path("snippets/demo/index/numbers.py")  # run from the project root  # markdown-exec: hide
answer = lesson["total"] + 1
print(f"The lesson's total plus one is {answer}.")
