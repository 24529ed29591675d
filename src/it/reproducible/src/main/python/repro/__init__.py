VALUE = "repro"
