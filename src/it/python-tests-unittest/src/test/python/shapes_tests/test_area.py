import unittest

from greet import greet
from shapes import area


class AreaTest(unittest.TestCase):
    def test_rectangle(self):
        self.assertEqual(12, area(3, 4))

    def test_wheel_is_importable(self):
        self.assertEqual("Hello, shapes!", greet("shapes"))

    def test_square_is_wrong(self):
        self.assertEqual(10, area(3, 3), "a deliberate failure")

    @unittest.skip("shows a skipped test in the report")
    def test_later(self):
        pass
