print("dropgate-bench")
