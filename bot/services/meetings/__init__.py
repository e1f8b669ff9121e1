"""Study sessions (三会一课, 主题党日): schedules, notices, leave, check-in, attendance."""
