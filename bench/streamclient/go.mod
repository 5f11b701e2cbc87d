module keygate/bench/streamclient

go 1.19
