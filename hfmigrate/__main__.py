from hfmigrate.entry import main

main()
