"""Runs aws CLI commands one after another in this one Python process, as the `aws` program runs one
(awscli.clidriver.main with sys.argv set), so each costs the CLI's own work and not a Python
start-up and the CLI's imports (about 1 s a call; compat-tests support/AwsCli). Each command
gets the environment, working directory, stdout and stderr files it would get as a process of its
own, and its exit code; nothing of one command's session is kept for the next. Start it with the
environment the commands will have, less their own variables (AwsCli: none of the AWS_ ones).

Protocol, one command a line on stdin: base64 words separated by spaces -- the working directory,
the stdout file, the stderr file, the number of environment entries, the entries as name and
value, then the arguments after `aws`. The answer, one line on the original stdout: the exit code.
The first line written is `ready <awscli version>`.
"""
import base64
import gc
import os
import subprocess
import sys
import traceback

commands = os.fdopen(os.dup(0), 'rb', buffering=0)
answers = os.fdopen(os.dup(1), 'w', buffering=1)
devnull = os.open(os.devnull, os.O_RDWR)
diagnostics = os.dup(2)  # the runner's own stderr, between commands
os.dup2(devnull, 0)  # a command reading stdin gets end of file, as under ProcessBuilder with no input
os.dup2(devnull, 1)

# What awscli and botocore read from the environment once, when imported; a command whose
# environment differs there runs as a process of its own.
AT_IMPORT = ('AWS_DATA_PATH', 'AWS_NEW_RETRIES_2026', 'BOTO_DISABLE_CRT')
before_import = {name: os.environ.get(name) for name in AT_IMPORT}
import awscli  # noqa: E402
import awscli.clidriver  # noqa: E402
data_path = os.environ['AWS_DATA_PATH']  # set by awscli's import: its data, after the caller's

answers.write('ready %s\n' % awscli.__version__)


def read_line():
    line = bytearray()
    while True:
        b = commands.read(1)
        if not b:
            return None
        if b == b'\n':
            return line.decode('ascii')
        line += b


def exit_code(e):
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code
    print(e.code, file=sys.stderr)
    return 1


def run(cwd, out, err, env, args):
    if any(env.get(name) != before_import[name] for name in AT_IMPORT):
        with open(out, 'wb') as o, open(err, 'wb') as e:
            return subprocess.run(['aws'] + args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=o, stderr=e).returncode
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    os.environ['AWS_DATA_PATH'] = data_path
    if os.environ.get('LC_CTYPE', '') == 'UTF-8':  # as the aws script does
        os.environ['LC_CTYPE'] = 'en_US.UTF-8'
    sys.argv = ['aws'] + args
    with open(out, 'wb') as o, open(err, 'wb') as e:
        os.dup2(o.fileno(), 1)
        os.dup2(e.fileno(), 2)
        try:
            rc = awscli.clidriver.main()
        except SystemExit as x:
            rc = exit_code(x)
        except BaseException:
            traceback.print_exc()
            rc = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            gc.collect()  # what the command left open (its HTTP connections) closes, as at a process's exit
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(devnull, 1)
            os.dup2(diagnostics, 2)
    return rc


while True:
    line = read_line()
    if line is None:
        break
    words = [base64.b64decode(w).decode('utf-8') for w in line.split(' ')] if line else []
    cwd, out, err, count = words[0], words[1], words[2], int(words[3])
    env = dict(zip(words[4:4 + 2 * count:2], words[5:4 + 2 * count:2]))
    answers.write('%d\n' % run(cwd, out, err, env, words[4 + 2 * count:]))
