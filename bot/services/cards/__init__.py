"""The four cards (四张卡) of the periodic assessment: facts, pages, tally, export, feedback."""
