-- Which Camunda user is which employee (工号): four-eyes refuses anyone deciding on their own account (R-ACC-4), and
-- a resignation hands over what the employee's user owned (R-CHG-2). Filled by the HR integration; demo values by
-- the demo identities.
CREATE TABLE cg_employee_user (
    employee_id  VARCHAR(32)  NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_cg_employee_user PRIMARY KEY (employee_id),
    CONSTRAINT uq_cg_employee_user_user UNIQUE (user_id)
);
