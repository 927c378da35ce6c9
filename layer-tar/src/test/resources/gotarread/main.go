// Reads a tar from stdin with Go's archive/tar (the reader behind Docker, containerd, BuildKit and umoci)
// and prints one line per entry: name, type flag, size, and the SHA-256 of its content as the reader
// gives it (a sparse file's holes as zeros).
package main

import (
	"archive/tar"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
)

func main() {
	tr := tar.NewReader(os.Stdin)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sum := sha256.New()
		n, err := io.Copy(sum, tr)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s %c %d %d %x\n", hdr.Name, hdr.Typeflag, hdr.Size, n, sum.Sum(nil))
	}
}
