from policydrift.cli import main

main()
