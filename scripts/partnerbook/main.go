// Command partnerbook writes the partner's workbook the screenshots import
// (scripts/screenshots.sh): a sheet of mobilizers with Swahili headers and
// values, and a partner list in the partner's own words, for the guided
// import's preview and the mappings it leaves.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/partnerbook FOLDER")
		os.Exit(2)
	}
	x := excelize.NewFile()
	defer x.Close()
	sheets := []struct {
		name string
		rows [][]any
	}{
		{"Partner list", [][]any{
			{"Organisation name", "Type", "Ward"},
			{"Kwa Njenga Youth Initiative", "CBO (registered)", "Kwa Njenga"},
			{"Mukuru Faith Network", "Faith based org", "Mukuru Kwa Reuben"},
			{"Sauti ya Mukuru Trust", "CSO/NGO (legal)", "Viwandani"},
			{"Haki Makazi Centre", "CSO/NGO (legal)", "Mukuru Kwa Njenga"},
			{"Nairobi Water Kiosks Ltd", "Private co.", "Viwandani"},
			{"Embakasi Sub-county Office", "Govt", "Imara Daima"},
		}},
		{"Mobilizers", [][]any{
			{"Jina", "Jinsia", "Simu", "Shirika"},
			{"Amina Achieng Odhiambo", "Mwanamke", "0712 345678", "Kwa Njenga Youth Initiative"},
			{"Otieno Omondi Were", "Mwanaume", "0722 111222", "Kwa Njenga Youth Initiative"},
			{"Wanjiru Njeri Kamau", "Mwanamke", "0733 222333", "Mukuru Faith Network"},
			{"Halima Wekesa Nafula", "Mwanamke", "0744 555666", "Sauti ya Mukuru Trust"},
			{"Kevin Mutua Musyoka", "Mwanaume", "0755 777888", "Haki Makazi Centre"},
			{"Faith Chebet Rotich", "Ke", "0766 999000", "Mukuru Faith Network"},
			{"Samuel Kiprop Korir", "Me", "0777 123123", "Sauti ya Mukuru Trust"},
		}},
	}
	for i, s := range sheets {
		if i == 0 {
			x.SetSheetName("Sheet1", s.name)
		} else if _, err := x.NewSheet(s.name); err != nil {
			fail(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := x.SetSheetRow(s.name, cell, &row); err != nil {
				fail(err)
			}
		}
		x.SetColWidth(s.name, "A", "D", 30)
	}
	path := filepath.Join(os.Args[1], "Mobilizers and partners.xlsx")
	if err := x.SaveAs(path); err != nil {
		fail(err)
	}
	fmt.Println(path)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "partnerbook:", err)
	os.Exit(1)
}
