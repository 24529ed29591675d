def nested():
    return "nested"
