print("A Markdown object renders on the page and in the notebook alike.")
