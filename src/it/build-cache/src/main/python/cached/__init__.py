from greet import greet


def message(args):
    return "cached: " + greet(" ".join(args) or "nobody")
