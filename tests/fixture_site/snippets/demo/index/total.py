answer = sum(range(4))
print(f"`sum(range(4))` is {answer}.")
