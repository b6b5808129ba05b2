answer = [2 * n for n in range(3)]
print(f"The list is {answer}.")
