from hfmigrate.cli import main

main()
