candidates = {"A": "1 + '1'", "B": "'1' + '1'", "C": "int(None) + 1"}
outcomes = {}
for letter, line in candidates.items():
    try:
        eval(line)
        outcomes[letter] = "runs"
    except Exception as error:
        outcomes[letter] = f"{type(error).__name__}: {error}"
print(outcomes)
