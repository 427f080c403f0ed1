#!/bin/sh
# A rogue chain that looks like Apple's test chain (same names, same marker OIDs) but ends in a root nobody
# trusts. Generated once with this script; the tests only read the files.
set -e
cd "$(dirname "$0")"
cat > ext.cnf <<'CNF'
[intermediate]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
1.2.840.113635.100.6.2.1 = DER:05:00
[leaf]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
1.2.840.113635.100.6.11.1 = DER:05:00
CNF
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt > rogueCA.p8
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt > rogueIntermediate.p8
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt > rogueLeaf.p8
openssl req -new -x509 -key rogueCA.p8 -sha256 -days 3650 -subj "/C=US/ST=California/L=Cupertino" -out rogueCA.pem
openssl req -new -key rogueIntermediate.p8 -subj "/C=US/ST=CA/L=Cupertino/O=Intermediate" -out i.csr
openssl x509 -req -in i.csr -CA rogueCA.pem -CAkey rogueCA.p8 -set_serial 2 -days 3650 -sha256 \
  -extfile ext.cnf -extensions intermediate -out rogueIntermediate.pem
openssl req -new -key rogueLeaf.p8 -subj "/C=US/ST=CA/L=Cupertino/O=Leaf" -out l.csr
openssl x509 -req -in l.csr -CA rogueIntermediate.pem -CAkey rogueIntermediate.p8 -set_serial 3 -days 3650 -sha256 \
  -extfile ext.cnf -extensions leaf -out rogueLeaf.pem
rm -f i.csr l.csr ext.cnf rogueCA.p8 rogueIntermediate.p8
