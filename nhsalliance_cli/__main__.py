from nhsalliance_cli.cli import main

main()
