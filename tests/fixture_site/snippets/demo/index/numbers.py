# --8<-- [start:add]
numbers = list(range(4))
total = sum(numbers)
print(f"The sum of {numbers} is {total}.")
# --8<-- [end:add]

# --8<-- [start:table]
from IPython.display import Markdown, display

rows = "\n".join(f"| {n} | {n * n} |" for n in numbers)
display(Markdown("| n | n² |\n|---|---|\n" + rows))
# --8<-- [end:table]

# --8<-- [start:insight]
display(Markdown(f'!!! tip "Key insight"\n\n    The numbers add up to {total}.'))
# --8<-- [end:insight]
