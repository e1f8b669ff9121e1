"""Volunteer hours (义工 / 志愿服务): pure rules on plain values.

Hours are counted in half-hour units ("halves", an int) everywhere, so 2.5 h is 5 and no sum
is ever off by floating point.
"""
