"""Local stacks: PostgreSQL, Kafka, the three services and the gateway on this machine.

A stack has a name and a port base (see docs/conventions.md); its data lives in .local/<name>/.
Standard library only, so it runs with any python3 before the virtualenv exists.

    python3 scripts/stack.py up [--only infra|services|gateway|<component>,...]
    python3 scripts/stack.py down | reset | status
    python3 scripts/stack.py logs [-f] [component ...]
    python3 scripts/stack.py test [-- pytest arguments]
    eval "$(python3 scripts/stack.py env --stack test)"

`python3 -m scripts.local_stack ...` is the same. The modules, from the bottom up:

    paths, errors        where things are; the one exception a user sees without a traceback
    model, environment   a stack's name, port base and ports; the environment its processes share
    processes            the process table (pids, command lines, ownership) behind a protocol
    process_control      starting, signalling and stopping processes; short logged commands
    logs, probes, lock   log tails; port and HTTP checks; one command at a time per stack
    components/          one module per component; each declares its classes in COMPONENTS
    registry             the components found there: names, groups, ports, start phases
    phases               bringing components up phase by phase and down in reverse
    leases               which test runs share a stack and what they started
    commands, testing,   the commands up/down/reset/status/env/logs, test, bench
    bench, cli           and the command line that dispatches to them
"""
