from policydrift.launch import main

main()
