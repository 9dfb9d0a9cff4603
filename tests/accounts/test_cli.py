"""flask users create / token / deactivate: what the checks outside this repository use to
make their first admin, so their names and flags are part of the contract."""

from tests.staff import AGENT


def create(runner, email: str, password: str, role: str = "agent"):
    return runner.invoke(
        args=["users", "create", "--email", email, "--name", "Someone", "--role", role, "--password-stdin"],
        input=f"{password}\n",
    )


def test_create_with_the_password_on_stdin_then_sign_in(runner, anonymous):
    result = create(runner, "root@example.test", "a long enough password", role="admin")
    assert result.exit_code == 0, result.output
    assert "a long enough password" not in result.output
    credentials = {"email": "root@example.test", "password": "a long enough password"}
    assert anonymous.post("/api/auth/login/", json=credentials).get_json()["role"] == "admin"


def test_create_prompts_for_the_password_twice_without_echo(runner):
    result = runner.invoke(
        args=["users", "create", "--email", "p@example.test", "--name", "P", "--role", "agent"],
        input="typed twice, hidden\ntyped twice, hidden\n",
    )
    assert result.exit_code == 0, result.output
    assert "typed twice, hidden" not in result.output


def test_create_refuses_a_short_password_and_a_taken_email(runner):
    short = create(runner, "s@example.test", "short")
    assert short.exit_code != 0 and "password" in short.output
    taken = create(runner, AGENT.email, "long enough password")
    assert taken.exit_code != 0 and "exists already" in taken.output


def test_token_prints_only_a_working_token(runner, anonymous):
    result = runner.invoke(args=["users", "token", AGENT.email, "--name", "benchmark"])
    assert result.exit_code == 0
    token = result.output.strip()
    assert result.output == f"{token}\n"
    assert anonymous.get("/api/tickets/", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_deactivate_ends_access(runner, anonymous):
    assert runner.invoke(args=["users", "deactivate", AGENT.email]).exit_code == 0
    assert anonymous.get("/api/tickets/", headers=AGENT.bearer).status_code == 401
    again = runner.invoke(args=["users", "token", AGENT.email, "--name", "x"])
    assert again.exit_code != 0


def test_the_last_admin_cannot_be_deactivated(runner):
    result = runner.invoke(args=["users", "deactivate", "ada@example.test"])
    assert result.exit_code != 0 and "last active admin" in result.output
