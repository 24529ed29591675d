from greet import greet


def run(args):
    print(greet("source"))
    print("args=" + "|".join(args))
    print("core=" + __name__)
    return len(args)
