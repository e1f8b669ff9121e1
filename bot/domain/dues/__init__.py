"""Party dues (党费) rules: brackets, months, arrears, reminder wording, amounts typed by people."""
