print("keras")
