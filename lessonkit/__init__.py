"""The lesson site's own machinery: page model, execution, quizzes, notebooks, shared by hooks, tests and bench."""
