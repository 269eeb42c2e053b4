module katamon.local/goreference

go 1.19
